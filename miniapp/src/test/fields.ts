import { fireEvent, waitFor } from '@testing-library/react';

/** The real <input> or <textarea> inside a Taro field, once the web component has rendered it. */
export function fieldIn(container: HTMLElement, className: string): Promise<HTMLInputElement | HTMLTextAreaElement> {
  return waitFor(() => {
    const element = container.querySelector<HTMLInputElement | HTMLTextAreaElement>(`.${className} input, .${className} textarea`);
    if (!element) throw new Error(`.${className} not rendered yet`);
    return element;
  });
}

/** Types as a user would: the whole value, then the input event Taro listens to. */
export async function typeInto(container: HTMLElement, className: string, value: string): Promise<void> {
  const element = await fieldIn(container, className);
  element.value = value;
  fireEvent.input(element);
}
