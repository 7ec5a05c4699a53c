import { describe, expect, it } from 'vitest';
import { h, renderDescription } from './sim.phone.ts';

describe('the phone view rendering', () => {
  it('escapes everything', () => {
    expect(h(`<img src=x onerror="a('b')">&`)).toBe('&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
  });

  it('keeps only the text card tones as markup', () => {
    expect(renderDescription('<div class="gray">2024-05-01</div><div class="highlight">&lt;b&gt;</div>tail<script>x</script>')).toBe(
      '<div class="gray">2024-05-01</div><div class="highlight">&lt;b&gt;</div><div>tail&lt;script&gt;x&lt;/script&gt;</div>',
    );
    expect(renderDescription('<div class="evil" onclick="x">t</div>')).toBe('<div>&lt;div class=&quot;evil&quot; onclick=&quot;x&quot;&gt;t&lt;/div&gt;</div>');
  });
});
