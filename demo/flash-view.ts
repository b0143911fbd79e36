/** How a flash message is styled on a page. */
export type FlashKind = 'error' | 'success' | 'info';

/** A flash message as the views show it. */
export interface FlashView {
  text: string;
  kind: FlashKind;
}

/**
 * Styles flashes by the prefix gin-jwt-session's example gives them ("Error : ...",
 * "success : ..."), so the messages keep the original's wording and still read at a glance.
 */
export function toFlashViews(messages: readonly string[]): FlashView[] {
  return messages.map((text) => ({ text, kind: kindOf(text) }));
}

function kindOf(text: string): FlashKind {
  if (/^\s*error\b/i.test(text)) return 'error';
  if (/^\s*success\b/i.test(text)) return 'success';
  return 'info';
}
