// WAI-ARIA tabs (APG "tabs with automatic activation"): the arrow keys, Home and End move between tabs; only the
// active tab is in the tab order, and its panel follows it.

export function bindTabs(list: HTMLElement, active: string, onChange: (id: string) => void): (id: string) => void {
  const tabs = [...list.querySelectorAll<HTMLButtonElement>('[role=tab]')];
  const activate = (id: string, focus = false) => {
    for (const tab of tabs) {
      const on = tab.dataset.tab === id;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      document.getElementById(tab.getAttribute('aria-controls')!)!.hidden = !on;
      if (on && focus) tab.focus();
    }
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => { activate(tab.dataset.tab!); onChange(tab.dataset.tab!); });
    tab.addEventListener('keydown', e => {
      const i = tabs.indexOf(tab);
      const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length]
        : e.key === 'Home' ? tabs[0] : e.key === 'End' ? tabs[tabs.length - 1] : null;
      if (!next) return;
      e.preventDefault();
      activate(next.dataset.tab!, true);
      onChange(next.dataset.tab!);
    });
  }
  activate(tabs.some(t => t.dataset.tab === active) ? active : tabs[0].dataset.tab!);
  return id => activate(id);
}
