/** Registers the Chart.js pieces the panel's charts use, once per page. */
import {
  ArcElement,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

ChartJS.register(ArcElement, BarElement, CategoryScale, LinearScale, PointElement, LineElement, Tooltip, Legend, Filler);

/** Series colours (Douyin red first, then the consoles' blues / greens / greys). */
export const PALETTE = ['#fe2c55', '#165dff', '#14c9c9', '#ff7d00', '#722ed1', '#86909c', '#00b42a', '#f7ba1e'];
