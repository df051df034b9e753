type KeyEvent = { key?: string; preventDefault?: () => void; stopPropagation?: () => void };

/**
 * What makes a tappable View, Text or Button usable from the keyboard on h5: Taro renders them as custom elements
 * that Tab skips and Enter ignores, so they get a button role, a tab stop and Enter/Space. The mini-program ignores
 * the extra props. Spread it: `<View className='chip' {...pressable(choose)}>`.
 */
export function pressable(onPress: () => void, label?: string) {
  return pressableAs('button', onPress, label);
}

export type PressRole = 'button' | 'link' | 'radio' | 'checkbox';

/** The same with another role: a link that navigates, or one option of a radio group or a checkbox. */
export function pressableAs(role: PressRole, onPress: () => void, label?: string) {
  return {
    role,
    tabIndex: 0,
    ...(label ? { 'aria-label': label } : {}),
    onClick: onPress,
    onKeyDown: (event: KeyEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      // Space would scroll the page, Enter could reach a surrounding handler: on h5 Taro's components listen on
      // each element, and an ancestor React has just reused for another control would act on the same key.
      event.preventDefault?.();
      event.stopPropagation?.();
      onPress();
    },
  };
}

/** The same for a choice among several (a chip): screen readers also hear whether it is selected. */
export function selectable(selected: boolean, onSelect: () => void) {
  return { ...pressable(onSelect), 'aria-pressed': selected ? 'true' : 'false' };
}
