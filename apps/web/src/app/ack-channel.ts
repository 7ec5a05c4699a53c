/** Where an acknowledgment is made: inside the WeCom client (its browser says wxwork/…) or on the web. */
export function ackChannel(): 'web' | 'wecom' {
  return typeof navigator !== 'undefined' && /wxwork\//i.test(navigator.userAgent) ? 'wecom' : 'web';
}
