import { describe, expect, it } from 'vitest';
import { agentBrief } from '../../renderer/src/lib/agent';

describe('agentBrief', () => {
  it('names the browser, its major version and the system of the usual wall screens', () => {
    expect(agentBrief('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.7339.80 Safari/537.36')).toBe('Chrome 140 · Linux');
    expect(agentBrief('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) fenghuo/0.1.0 Chrome/138.0.7204.97 Electron/37.2.0 Safari/537.36')).toBe('Fenghuo app · Windows');
    expect(agentBrief('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.3485.54')).toBe('Edge 140 · Windows');
    expect(agentBrief('Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:143.0) Gecko/20100101 Firefox/143.0')).toBe('Firefox 143 · macOS');
    expect(agentBrief('Mozilla/5.0 (iPad; CPU OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1')).toBe('Safari 18 · iPad');
    expect(agentBrief('Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36')).toBe('Chrome 140 · Android');
  });

  it('shows a program or an unknown agent as it came, clipped', () => {
    expect(agentBrief('curl/8.5.0')).toBe('curl/8.5.0');
    expect(agentBrief('')).toBe('');
    expect(agentBrief('x'.repeat(100))).toBe(`${'x'.repeat(39)}…`);
  });
});
