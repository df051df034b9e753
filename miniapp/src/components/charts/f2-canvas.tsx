import { useEffect, useRef } from 'react';
import { Canvas as TaroCanvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Canvas } from '@antv/f2';

/** An F2 element tree (built with F2's own `jsx`, not React's). */
export type F2Tree = unknown;

type Props = {
  /** unique on the page: the mini-program finds its canvas node by id */
  id: string;
  /** CSS pixels */
  height: number;
  /** the chart said in words: the canvas itself is hidden from screen readers */
  label: string;
  /** the chart for a width in CSS pixels; called again when `version` changes */
  draw: (width: number) => F2Tree;
  version: string;
};

type Drawn = { destroy: () => void };

/** A 2D context and its size, from the DOM canvas (h5) or the mini-program's canvas node (weapp, type 2d). */
type Surface = { context: CanvasRenderingContext2D; width: number; pixelRatio: number; raf?: (cb: () => void) => number; caf?: (id: number) => void };

function pixelRatio(): number {
  try {
    return Math.min(3, Taro.getSystemInfoSync().pixelRatio || 2);
  } catch {
    return 2;
  }
}

function sizeCanvas(canvas: { width: number; height: number }, width: number, height: number, ratio: number) {
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
}

function weappSurface(id: string, height: number): Promise<Surface | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: { node?: Taro.Canvas & { width: number; height: number }; width?: number }[]) => {
        const hit = res?.[0];
        const node = hit?.node;
        if (!node || !hit.width) return resolve(null);
        const ratio = pixelRatio();
        sizeCanvas(node, hit.width, height, ratio);
        const context = node.getContext('2d') as unknown as CanvasRenderingContext2D;
        resolve({
          context,
          width: hit.width,
          pixelRatio: ratio,
          raf: (cb) => node.requestAnimationFrame(cb),
          caf: (handle) => node.cancelAnimationFrame(handle),
        });
      });
  });
}

function h5Surface(canvas: HTMLCanvasElement | null, height: number): Surface | null {
  if (!canvas) return null;
  const width = canvas.parentElement?.clientWidth ?? 0;
  if (!width) return null;
  let context: CanvasRenderingContext2D | null = null;
  try {
    context = canvas.getContext('2d');
  } catch {
    context = null;
  }
  if (!context) return null;
  const ratio = window.devicePixelRatio || 1;
  sizeCanvas(canvas, width, height, ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  return { context, width, pixelRatio: ratio };
}

/**
 * F2 (AntV's chart library for mobile and mini-programs) drawing on a 2D canvas in both builds: a DOM <canvas> on
 * h5, a `type="2d"` canvas node found through the selector query on weapp. F2 only needs the context, so the same
 * chart code runs in both. Where nothing can be drawn (an old WeChat, a test without canvas) the text beside the
 * chart still says everything.
 */
export function F2Canvas({ id, height, label, draw, version }: Props) {
  const domCanvas = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    let drawn: Drawn | null = null;
    let cancelled = false;
    const start = async () => {
      const surface = process.env.TARO_ENV === 'h5' ? h5Surface(domCanvas.current, height) : await weappSurface(id, height);
      if (!surface || cancelled) return;
      try {
        const canvas = new Canvas({
          context: surface.context,
          pixelRatio: surface.pixelRatio,
          width: surface.width,
          height,
          animate: false,
          children: draw(surface.width),
          ...(surface.raf ? { requestAnimationFrame: surface.raf, cancelAnimationFrame: surface.caf } : {}),
        } as ConstructorParameters<typeof Canvas>[0]);
        drawn = canvas;
        await canvas.render();
      } catch {
        // The chart is an addition to the table beside it; a canvas that cannot draw leaves the table.
      }
    };
    // weapp: the canvas node exists once the view has been laid out.
    if (process.env.TARO_ENV === 'h5') void start();
    else Taro.nextTick(() => void start());
    return () => {
      cancelled = true;
      drawn?.destroy();
    };
  }, [version, height]);

  return (
    <View className='f2-chart' role='img' aria-label={label} style={{ height: `${height}px` }}>
      {process.env.TARO_ENV === 'h5' ? (
        <canvas ref={domCanvas} aria-hidden='true' className='f2-chart-canvas' />
      ) : (
        <TaroCanvas type='2d' id={id} className='f2-chart-canvas' style={{ width: '100%', height: `${height}px` }} />
      )}
    </View>
  );
}
