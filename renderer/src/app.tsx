import { useEffect } from 'react';
import { bridge } from './api/client';
import { CommandPalette } from './components/command-palette';
import { NewLeadDialog } from './components/new-lead-dialog';
import { ShortcutsHelp } from './components/shortcuts-help';
import { Sidebar } from './components/sidebar';
import { Toasts } from './components/toasts';
import { TopBar } from './components/top-bar';
import { ErrorBanner } from './components/values';
import { useGlobalShortcuts } from './lib/shortcuts';
import { CampaignsScreen } from './screens/campaigns';
import { ClientDetailScreen } from './screens/client-detail';
import { ClientsScreen } from './screens/clients';
import { ContactsScreen } from './screens/contacts';
import { DashboardScreen } from './screens/dashboard';
import { LeadDetailScreen } from './screens/lead-detail';
import { LeadsScreen } from './screens/leads';
import { SettingsScreen } from './screens/settings';
import { TicketsScreen } from './screens/tickets';
import { TodayScreen } from './screens/today';
import { WorkScreen } from './screens/work';
import { TaskReminders } from './components/work/task-reminders';
import { useData } from './stores/data';
import { useLookups } from './stores/lookups';
import { navigate, useRouter, type Route } from './stores/router';
import { useUi } from './stores/ui';

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'today':
      return <TodayScreen />;
    case 'work':
      return <WorkScreen />;
    case 'leads':
      return <LeadsScreen view={route.view} />;
    case 'lead':
      return <LeadDetailScreen key={route.id} id={route.id} />;
    case 'clients':
      return <ClientsScreen />;
    case 'client':
      return <ClientDetailScreen key={route.id} id={route.id} />;
    case 'contacts':
      return <ContactsScreen />;
    case 'tickets':
      return <TicketsScreen />;
    case 'campaigns':
      return <CampaignsScreen />;
    case 'dashboard':
      return <DashboardScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

function useMenuCommands() {
  useEffect(
    () =>
      bridge?.onMenuCommand((command) => {
        const ui = useUi.getState();
        if (command === 'new-lead') ui.set({ newLead: true });
        else if (command === 'search') ui.set({ palette: true });
        else if (command === 'shortcuts') ui.set({ shortcuts: true });
        else if (command === 'go-today') navigate({ name: 'today' });
        else if (command === 'go-leads') navigate({ name: 'leads', view: 'table' });
        else if (command === 'go-dashboard') navigate({ name: 'dashboard' });
        else if (command === 'go-settings') navigate({ name: 'settings' });
      }),
    [],
  );
}

export function App() {
  const route = useRouter((s) => s.route);
  const { palette, newLead, shortcuts } = useUi();
  const { ready, error, load } = useLookups();
  const version = useData((s) => s.version);
  useGlobalShortcuts();
  useMenuCommands();
  useEffect(() => {
    void load();
  }, [load, version]);

  return (
    <div className="app">
      <Sidebar />
      <div className="main">
        <TopBar />
        <main className="content" data-route={route.name}>
          {error && (
            <ErrorBanner message={`Could not load the app's lookup tables: ${error}`} onRetry={() => void load()} />
          )}
          {ready && <Screen route={route} />}
        </main>
      </div>
      {palette && <CommandPalette />}
      {newLead && <NewLeadDialog />}
      {shortcuts && <ShortcutsHelp />}
      <Toasts />
      <TaskReminders />
    </div>
  );
}
