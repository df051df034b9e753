// h5 only (the desktop workbench): article-edit.tsx loads this file behind a TARO_ENV check, so neither it nor
// Tiptap ever reaches the weapp build.
import { useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { Editor, Extension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { PUBLIC_IMAGE_PATH } from '@sa/contracts';

/** Published images are served from the public path; while editing, the upload itself shows (a draft's are not public yet). */
const PUBLIC_IMAGES = PUBLIC_IMAGE_PATH;
const UPLOAD_IMAGES = '/api/v1/uploads/';

export const toEditorHtml = (html: string) => html.split(`src="${PUBLIC_IMAGES}`).join(`src="${UPLOAD_IMAGES}`);
export const fromEditorHtml = (html: string) => html.split(`src="${UPLOAD_IMAGES}`).join(`src="${PUBLIC_IMAGES}`);

export type BodyEditorProps = {
  /** the body to start from (and to replace the content with when `version` changes) */
  html: string;
  version: number;
  onChange: (html: string) => void;
  /** uploads one image the user picks; its upload id, or null if they picked none or it failed */
  uploadImage: () => Promise<string | null>;
  error?: string;
};

type Tool = { key: string; label: string; text: string; run: (e: Editor) => void; active?: (e: Editor) => boolean };

const TOOLS: readonly Tool[] = [
  { key: 'bold', label: '加粗', text: 'B', run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
  { key: 'italic', label: '斜体', text: 'I', run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
  { key: 'h2', label: '二级标题', text: 'H2', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
  { key: 'h3', label: '三级标题', text: 'H3', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
  { key: 'ul', label: '无序列表', text: '• 列表', run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
  { key: 'ol', label: '有序列表', text: '1. 列表', run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
  { key: 'quote', label: '引用', text: '“ 引用', run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
  { key: 'undo', label: '撤销', text: '撤销', run: (e) => e.chain().focus().undo().run() },
  { key: 'redo', label: '重做', text: '重做', run: (e) => e.chain().focus().redo().run() },
];

// Tab indents inside a list, so Esc is the way out of the text that always works: to the line under it.
const EscapeToHelp = Extension.create({
  name: 'escapeToHelp',
  addKeyboardShortcuts: () => ({
    Escape: () => {
      document.getElementById('article-editor-help')?.focus();
      return true;
    },
  }),
});

type Panel = { kind: 'link'; value: string } | { kind: 'image'; uploadId: string; value: string } | null;

const isWebUrl = (s: string) => /^(https?:\/\/|mailto:)\S+$/i.test(s);

/** 正文 editor: Tiptap with a toolbar of real buttons, each labelled; links and image captions in an inline panel, never a pop-up. */
export function ArticleBodyEditor({ html, version, onChange, uploadImage, error }: BodyEditorProps) {
  const mount = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  // Re-rendered on every transaction so the buttons' pressed state follows the cursor.
  const [, setTick] = useState(0);
  const [panel, setPanel] = useState<Panel>(null);
  const [panelError, setPanelError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    if (!mount.current) return;
    const created = new Editor({
      element: mount.current,
      extensions: [
        StarterKit.configure({
          heading: { levels: [2, 3] },
          code: false,
          codeBlock: false,
          horizontalRule: false,
          strike: false,
          underline: false,
          link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], HTMLAttributes: { rel: 'noopener noreferrer', target: null } },
        }),
        Image.configure({ inline: false }),
        EscapeToHelp,
      ],
      content: toEditorHtml(html),
      editorProps: {
        attributes: { class: 'article-editor-body', role: 'textbox', 'aria-multiline': 'true', 'aria-label': '正文', 'aria-describedby': 'article-editor-help' },
      },
      onUpdate: ({ editor: e }) => changed.current(fromEditorHtml(e.getHTML())),
      onTransaction: () => setTick((n) => n + 1),
    });
    setEditor(created);
    return () => created.destroy();
  }, []);

  // A saved article comes back sanitised: the editor shows what was stored.
  useEffect(() => {
    if (editor && version > 0) editor.commands.setContent(toEditorHtml(html), { emitUpdate: false });
  }, [version, editor]);

  useEffect(() => {
    if (editor) editor.setOptions({ editorProps: { attributes: { ...(editor.options.editorProps.attributes as Record<string, string>), 'aria-invalid': error ? 'true' : 'false' } } });
  }, [error, editor]);

  const openLink = () => {
    if (!editor) return;
    setPanelError(null);
    setPanel({ kind: 'link', value: (editor.getAttributes('link').href as string | undefined) ?? 'https://' });
  };

  const pickImage = async () => {
    if (!editor || uploading) return;
    setPanelError(null);
    setUploading(true);
    try {
      const uploadId = await uploadImage();
      if (uploadId) setPanel({ kind: 'image', uploadId, value: '' });
    } finally {
      setUploading(false);
    }
  };

  const applyPanel = () => {
    if (!editor || !panel) return;
    const value = panel.value.trim();
    if (panel.kind === 'link') {
      if (value === '' || value === 'https://') editor.chain().focus().extendMarkRange('link').unsetLink().run();
      else if (!isWebUrl(value)) return setPanelError('请填写以 http:// 或 https:// 开头的网址');
      else if (editor.state.selection.empty && !editor.isActive('link')) editor.chain().focus().insertContent({ type: 'text', text: value, marks: [{ type: 'link', attrs: { href: value } }] }).run();
      else editor.chain().focus().extendMarkRange('link').setLink({ href: value }).run();
    } else {
      if (value === '') return setPanelError('请填写图片说明，读屏软件会朗读它');
      editor.chain().focus().setImage({ src: `${UPLOAD_IMAGES}${panel.uploadId}`, alt: value }).run();
    }
    setPanel(null);
  };

  const closePanel = () => {
    setPanel(null);
    editor?.commands.focus();
  };

  const onPanelKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      applyPanel();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      closePanel();
    }
  };

  return (
    <div className='wb-field article-editor'>
      <div className='field-label' id='article-editor-label'>
        正文
      </div>
      <div className='article-toolbar' role='toolbar' aria-label='正文格式' aria-controls='article-editor'>
        {TOOLS.map((tool) => (
          <button
            key={tool.key}
            type='button'
            className={`article-tool article-tool-${tool.key}`}
            aria-label={tool.label}
            title={tool.label}
            aria-pressed={tool.active ? (editor && tool.active(editor) ? 'true' : 'false') : undefined}
            disabled={!editor}
            // A mouse click must not take the focus (and the selection) out of the text first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => editor && tool.run(editor)}
          >
            {tool.text}
          </button>
        ))}
        <button type='button' className='article-tool article-tool-link' aria-label='链接' title='链接' aria-pressed={editor?.isActive('link') ? 'true' : 'false'} disabled={!editor} onMouseDown={(e) => e.preventDefault()} onClick={openLink}>
          链接
        </button>
        <button type='button' className='article-tool article-tool-image' aria-label='插入图片' title='插入图片' disabled={!editor || uploading} onMouseDown={(e) => e.preventDefault()} onClick={() => void pickImage()}>
          {uploading ? '上传中…' : '图片'}
        </button>
      </div>
      {panel && (
        <div className='article-panel' role='group' aria-label={panel.kind === 'link' ? '设置链接' : '图片说明'}>
          <label className='article-panel-label'>
            {panel.kind === 'link' ? '链接地址（留空则取消链接）' : '图片说明（读屏软件会朗读）'}
            <input
              className='field article-panel-input'
              autoFocus
              value={panel.value}
              maxLength={panel.kind === 'link' ? 500 : 100}
              onChange={(event: ChangeEvent<HTMLInputElement>) => setPanel({ ...panel, value: event.target.value })}
              onKeyDown={onPanelKey}
            />
          </label>
          {panelError && <div className='field-error'>{panelError}</div>}
          <div className='article-panel-buttons'>
            <button type='button' className='btn-primary article-panel-ok' onClick={applyPanel}>
              {panel.kind === 'link' ? '确定' : '插入图片'}
            </button>
            <button type='button' className='btn-plain article-panel-cancel' onClick={closePanel}>
              取消
            </button>
          </div>
        </div>
      )}
      <div id='article-editor' className={`article-editor-frame${error ? ' article-editor-invalid' : ''}`} ref={mount} />
      <div id='article-editor-help' className='muted' tabIndex={-1}>
        快捷键：Ctrl+B 加粗，Ctrl+I 斜体，Ctrl+Z 撤销；在列表中按 Tab 缩进；按 Esc 离开正文，再按 Tab 到下一项。
      </div>
      {error && <div className='field-error article-body-error'>{error}</div>}
    </div>
  );
}
