/**
 * Props that make a Taro View act as a button on h5: Taro's View is a custom element, so it needs the role, a tab
 * stop and Enter/Space by hand to be reachable and usable without a mouse.
 */
export function pressable(onPress: () => void, label?: string) {
  return {
    role: 'button',
    tabIndex: 0,
    'aria-label': label,
    onClick: onPress,
    onKeyDown: (event: { key?: string; preventDefault?: () => void }) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault?.();
      onPress();
    },
  };
}
