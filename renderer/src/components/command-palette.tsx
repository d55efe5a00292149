import { useEffect, useMemo, useRef, useState } from 'react';
import type { SearchResult } from '../../../shared/api/types';
import { call } from '../api/client';
import { navigate } from '../stores/router';
import { openResult } from '../lib/open-result';
import { usePrefs } from '../stores/prefs';
import { useUi } from '../stores/ui';
import { Icon } from './icon';
import { NAV_ITEMS } from './sidebar';

interface Item {
  key: string;
  group: string;
  icon: string;
  title: React.ReactNode;
  sub?: React.ReactNode;
  run(): void;
}

const KIND_ICON: Record<SearchResult['kind'], string> = {
  lead: 'leads',
  client: 'clients',
  contact: 'contacts',
  note: 'note',
  communication: 'phone',
  ticket: 'ticket',
  policy: 'clients',
};

function commands(close: () => void): Array<Item & { text: string }> {
  const ui = useUi.getState();
  const go = (label: string, icon: string, run: () => void) => ({
    key: `cmd:${label}`,
    group: 'Commands',
    icon,
    title: label,
    text: label.toLowerCase(),
    run: () => (close(), run()),
  });
  return [
    go('New lead', 'plus', () => ui.set({ newLead: true })),
    ...NAV_ITEMS.map((n) => go(`Go to ${n.label}`, n.icon, () => navigate(n.route))),
    go('Go to Pipeline board', 'board', () => navigate({ name: 'leads', view: 'board' })),
    go('Go to Settings', 'settings', () => navigate({ name: 'settings' })),
    go('Keyboard shortcuts', 'columns', () => ui.set({ shortcuts: true })),
    go('Theme: follow the system', 'settings', () => usePrefs.getState().setTheme('system')),
    go('Theme: light', 'settings', () => usePrefs.getState().setTheme('light')),
    go('Theme: dark', 'settings', () => usePrefs.getState().setTheme('dark')),
  ];
}

/** Ctrl/Cmd+K: global search over the replica plus every command, one list, all keyboard. */
export function CommandPalette() {
  const close = () => useUi.getState().set({ palette: false });
  const [text, setText] = useState('');
  const [results, setResults] = useState<{ for: string; items: SearchResult[]; error?: string }>({
    for: '',
    items: [],
  });
  // Semantic matches come from a second query (the embedding takes a round trip to the provider):
  // keyword results never wait for it; `off` says why there are none (no embedding model, …).
  const [semantic, setSemantic] = useState<{ for: string; items: SearchResult[]; off: string | null }>({
    for: '',
    items: [],
    off: null,
  });
  const [active, setActive] = useState(0);
  const seq = useRef(0);
  const semanticSeq = useRef(0);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const q = text.trim();
    const mine = ++seq.current;
    if (!q) return setResults({ for: '', items: [] });
    void call('search.global', { text: q, limit: 20 }).then((res) => {
      if (mine !== seq.current) return;
      setResults(res.ok ? { for: text, items: res.value } : { for: text, items: [], error: res.error.message });
    });
  }, [text]);

  useEffect(() => {
    const q = text.trim();
    const mine = ++semanticSeq.current;
    if (!q) return setSemantic({ for: '', items: [], off: null });
    // A short pause so each keystroke does not send the text to the embedding provider.
    const timer = setTimeout(() => {
      void call('semantic.search', { text: q, limit: 10 }).then((res) => {
        if (mine !== semanticSeq.current) return;
        if (!res.ok) return setSemantic({ for: text, items: [], off: res.error.message });
        const items = res.value.results.filter((r) => r.via.includes('semantic'));
        setSemantic({ for: text, items, off: res.value.semantic ? null : res.value.reason });
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [text]);

  const items = useMemo<Item[]>(() => {
    const q = text.trim().toLowerCase();
    const cmds = commands(close).filter((c) => !q || c.text.includes(q));
    const keyword = new Set(results.items.map((r) => `${r.kind}:${r.id}`));
    const asItem =
      (group: string) =>
      (r: SearchResult): Item => ({
        key: `${group}:${r.kind}:${r.id}`,
        group,
        icon: KIND_ICON[r.kind],
        title: r.title,
        sub: (
          <>
            <span className="kind">{r.kind}</span>
            {r.snippet.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
          </>
        ),
        run: () => {
          close();
          openResult(r);
        },
      });
    const found = results.items.map(asItem('Records'));
    const similar = semantic.items.filter((r) => !keyword.has(`${r.kind}:${r.id}`)).map(asItem('Semantic matches'));
    return q ? [...found, ...similar, ...cmds.slice(0, 6)] : cmds;
  }, [text, results, semantic]);

  useEffect(() => setActive(0), [items.length, text]);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(items.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter') items[active]?.run();
    else if (e.key === 'Escape') close();
    else return;
    e.preventDefault();
  };

  let lastGroup = '';
  return (
    <div className="overlay top" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Search and commands">
        <div className="palette-input">
          <Icon name="search" />
          <input
            autoFocus
            value={text}
            placeholder="Search leads, clients, notes… or type a command"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKey}
            role="combobox"
            aria-expanded="true"
            aria-controls="palette-list"
            aria-label="Search"
          />
        </div>
        <div className="palette-list" id="palette-list" role="listbox" ref={listRef} data-results-for={results.for}>
          {results.error && <div className="palette-note error-text">{results.error}</div>}
          {text.trim() && results.for === text && results.items.length === 0 && !results.error && (
            <div className="palette-note">
              No records match “{text.trim()}”. Try a name, email, phone or words from a note.
            </div>
          )}
          {text.trim() && semantic.for === text && semantic.off && (
            <div className="palette-note" data-testid="semantic-off" title={semantic.off}>
              {/^Semantic search is off/.test(semantic.off)
                ? 'Semantic search is off — set an embedding model in Settings → AI.'
                : semantic.off}
            </div>
          )}
          {items.map((it, i) => {
            const header = it.group !== lastGroup ? <div className="palette-group">{it.group}</div> : null;
            lastGroup = it.group;
            return (
              <div key={it.key}>
                {header}
                <div
                  className="palette-item"
                  role="option"
                  aria-selected={i === active}
                  onMouseMove={() => setActive(i)}
                  onClick={() => it.run()}
                >
                  <Icon name={it.icon} />
                  <div className="palette-text">
                    <div className="palette-title">{it.title}</div>
                    {it.sub && <div className="palette-sub">{it.sub}</div>}
                  </div>
                </div>
              </div>
            );
          })}
        </div>
        <div className="palette-foot">
          <span>↑↓ to move</span>
          <span>↵ to open</span>
          <span>Esc to close</span>
        </div>
      </div>
    </div>
  );
}
