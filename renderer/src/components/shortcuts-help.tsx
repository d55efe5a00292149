import { SHORTCUTS } from '../lib/shortcuts';
import { useUi } from '../stores/ui';
import { Modal } from './modal';
import { Kbd } from './values';

export function ShortcutsHelp() {
  const close = () => useUi.getState().set({ shortcuts: false });
  return (
    <Modal title="Keyboard shortcuts" onClose={close} width={460}>
      <table className="shortcut-table">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <Kbd>{keys}</Kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
