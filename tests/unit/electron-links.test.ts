// Which links from a page leave for the system browser at once, which wait for the user's
// yes, and which are never opened.
import { describe, expect, it } from 'vitest';
import { judgeExternalLink, linkHostToResolve } from '../../electron/main/policy';

const action = (url: unknown): string => judgeExternalLink(url).action;

describe('links a page asks to open outside the app', () => {
  it('opens ordinary web links and mail addresses straight away', () => {
    expect(judgeExternalLink('https://www.ptt.cc/bbs/Gossiping/M.1.html')).toEqual({
      action: 'open',
      url: 'https://www.ptt.cc/bbs/Gossiping/M.1.html',
    });
    expect(action('http://news.example.com/story?id=1')).toBe('open');
    expect(action('https://news.example.com:443/a')).toBe('open');
    expect(action('https://台灣.example.tw/新聞')).toBe('open');
    expect(action('mailto:press@aurora.example')).toBe('open');
  });

  it('never opens files, scripts, other schemes or junk', () => {
    for (const url of [
      'file:///C:/Windows/system32/calc.exe',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id',
      'vscode://open',
      'data:text/html,<b>x</b>',
      'ftp://files.example.com/',
      'mailto:',
      'http://',
      'not a url',
      '',
      'https://a.example/' + 'x'.repeat(9000),
      42,
      null,
    ]) {
      expect(action(url), String(url)).toBe('refuse');
    }
  });

  it('asks before opening a page on this machine, and says which host', () => {
    for (const url of [
      'http://127.0.0.1:4870/',
      'http://localhost/admin',
      'http://app.localhost/',
      'http://[::1]/',
      'http://2130706433/', // 127.0.0.1 spelled as one number
      'http://0x7f.1/',
      'http://0.0.0.0/',
      'http://[::ffff:127.0.0.1]/',
    ]) {
      expect(action(url), url).toBe('ask');
    }
    const d = judgeExternalLink('http://localhost/admin');
    expect(d.action === 'ask' && d.reason).toMatch(/localhost/);
  });

  it('asks before opening a private, link-local or local-network address', () => {
    for (const url of [
      'http://192.168.1.1/',
      'http://10.0.0.8/cgi-bin/login',
      'https://172.20.3.4/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/',
      'http://[fd12:3456::1]/',
      'http://100.64.0.1/',
      'http://printer.local/',
      'http://router/',
      'http://nas.home.arpa/',
    ]) {
      expect(action(url), url).toBe('ask');
    }
    const d = judgeExternalLink('http://169.254.169.254/latest/meta-data/');
    expect(d.action === 'ask' && d.reason).toMatch(/link-local/);
  });

  it('asks before opening a public host on an unusual port, or a link carrying a password', () => {
    const odd = judgeExternalLink('https://news.example.com:8443/a');
    expect(odd.action).toBe('ask');
    expect(odd.action === 'ask' && odd.reason).toMatch(/port 8443/);
    expect(action('http://news.example.com:22/')).toBe('ask');
    expect(action('https://user:pw@news.example.com/')).toBe('ask');
    // The default port written out is not unusual.
    expect(action('http://news.example.com:80/')).toBe('open');
  });
});

describe('links whose public-looking name points into the network', () => {
  it('asks when DNS answers with a private or loopback address, and says which', () => {
    const d = judgeExternalLink('https://router.news.example/admin', ['93.184.216.34', '192.168.0.1']);
    expect(d.action).toBe('ask');
    expect(d.action === 'ask' && d.reason).toBe('router.news.example points to a private address (192.168.0.1).');
    expect(judgeExternalLink('http://news.example.com/', ['::1']).action).toBe('ask');
  });

  it('opens when every address is public, or when DNS could not be asked', () => {
    expect(judgeExternalLink('https://news.example.com/a', ['93.184.216.34', '2606:2800:220:1::1']).action).toBe('open');
    expect(judgeExternalLink('https://news.example.com/a', []).action).toBe('open');
  });

  it('asks DNS only about host names of web links', () => {
    expect(linkHostToResolve('https://news.example.com/a?b=1')).toBe('news.example.com');
    expect(linkHostToResolve('http://192.168.1.1/')).toBeNull();
    expect(linkHostToResolve('http://[fe80::1]/')).toBeNull();
    expect(linkHostToResolve('mailto:press@aurora.example')).toBeNull();
    expect(linkHostToResolve('not a url')).toBeNull();
  });
});
