import { describe, expect, it } from 'vitest';
import { parseXml, xmlList, xmlText, XmlError } from './wecom.xml.ts';

describe('the callback XML reader', () => {
  it('reads CDATA, text, entities, and makes repeated siblings a list (SPEC §9.4 flattening)', () => {
    const { name, value } = parseXml(
      '<?xml version="1.0"?><xml><A><![CDATA[x]]>y</A><B>&lt;b&gt; &#20320;&#x597D;</B><L><I>1</I></L><M><I>1</I><I>2</I></M><E/></xml>',
    );
    expect(name).toBe('xml');
    expect(xmlText(value, 'A')).toBe('xy');
    expect(xmlText(value, 'B')).toBe('<b> 你好');
    expect(xmlText(value, 'E')).toBe('');
    expect(xmlList(value, 'L')).toEqual([{ I: '1' }]);
    expect(xmlList((value as Record<string, never>).M, 'I')).toEqual(['1', '2']);
    expect(xmlList(value, 'Missing')).toEqual([]);
  });

  it('accepts both spellings of the template card option list', () => {
    for (const tag of ['OptionIds', 'OpitonIds']) {
      const { value } = parseXml(`<xml><SelectedItems><SelectedItem><QuestionKey>q</QuestionKey><${tag}><OptionId>a</OptionId></${tag}></SelectedItem></SelectedItems></xml>`);
      expect(xmlList((value as Record<string, Record<string, unknown>>).SelectedItems!.SelectedItem as never, tag)).toHaveLength(1);
    }
  });

  it('refuses DTDs, bad nesting, unknown entities and trailing content', () => {
    for (const bad of ['<!DOCTYPE x [<!ENTITY e "boom">]><xml/>', '<xml><a></b></xml>', '<xml>&e;</xml>', '<xml>&#0;</xml>', '<xml>&#x110000;</xml>', '<xml/><xml/>', '<xml>', 'plain text', '<xml><![CDATA[x</xml>']) {
      expect(() => parseXml(bad), bad).toThrow(XmlError);
    }
    const deep = `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`;
    expect(() => parseXml(deep)).toThrow(/deeply/);
  });
});
