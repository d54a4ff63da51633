import { createRoot } from 'react-dom/client';
import { Dashboard } from '@/components/panel/Dashboard';
import { TabStatus } from '@/components/panel/TabStatus';
import '@/components/panel/panel.css';

createRoot(document.getElementById('root')!).render(<Dashboard variant="popup" extra={(t) => <TabStatus t={t} />} />);
