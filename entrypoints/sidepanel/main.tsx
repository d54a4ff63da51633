import { createRoot } from 'react-dom/client';
import { Dashboard } from '@/components/panel/Dashboard';
import '@/components/panel/panel.css';

createRoot(document.getElementById('root')!).render(<Dashboard variant="panel" />);
