import { useEffect } from 'react';
import { bridge } from './api/client';
import { CommandPalette } from './components/command-palette';
import { NewLeadDialog } from './components/new-lead-dialog';
import { ImportWizard } from './components/import-wizard';
import { ShortcutsHelp } from './components/shortcuts-help';
import { Sidebar } from './components/sidebar';
import { Toasts } from './components/toasts';
import { TopBar } from './components/top-bar';
import { ErrorBanner } from './components/values';
import { useGlobalShortcuts } from './lib/shortcuts';
import { CampaignDetailScreen } from './screens/campaign-detail';
import { CampaignsScreen } from './screens/campaigns';
import { ClientDetailScreen } from './screens/client-detail';
import { ClientsScreen } from './screens/clients';
import { ContactsScreen } from './screens/contacts';
import { DashboardScreen } from './screens/dashboard';
import { DuplicatesScreen } from './screens/duplicates';
import { MergeScreen } from './screens/merge';
import { LeadDetailScreen } from './screens/lead-detail';
import { LeadsScreen } from './screens/leads';
import { SettingsScreen } from './screens/settings';
import { TicketsScreen } from './screens/tickets';
import { PoliciesScreen, PolicyScreen } from './screens/policies';
import { RenewalsScreen, XDatesScreen } from './screens/renewals';
import { TodayScreen } from './screens/today';
import { COMMAND_READS } from '../../shared/api/changes';
import { listenForChanges } from './api/changes';
import { useData, useTablesVersion } from './stores/data';
import { TrashScreen } from './screens/trash';
import { WorkScreen } from './screens/work';
import { TaskReminders } from './components/work/task-reminders';
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
    case 'campaign':
      return <CampaignDetailScreen key={route.id} id={route.id} />;
    case 'trash':
      return <TrashScreen />;
    case 'dashboard':
      return <DashboardScreen />;
    case 'policies':
      return <PoliciesScreen />;
    case 'policy':
      return <PolicyScreen key={route.id} id={route.id} />;
    case 'renewals':
      return <RenewalsScreen />;
    case 'xdates':
      return <XDatesScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'duplicates':
      return <DuplicatesScreen key={route.kind} kind={route.kind} />;
    case 'merge':
      return <MergeScreen kind={route.kind} survivor={route.survivor} merged={route.merged} />;
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
  const { palette, newLead, shortcuts, importing } = useUi();
  const { ready, error, load } = useLookups();
  const version = useTablesVersion(COMMAND_READS['lookups.get']);
  useEffect(() => listenForChanges(useData.getState().apply, useData.getState().all), []);
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
      {importing && (
        <ImportWizard
          initialKind={importing.kind}
          initialRunId={importing.runId}
          onClose={() => useUi.getState().set({ importing: null })}
        />
      )}
      <Toasts />
      <TaskReminders />
    </div>
  );
}
