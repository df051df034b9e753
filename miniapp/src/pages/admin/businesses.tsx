import { AdminShell } from './admin-shell';

export default function AdminBusinessesPage() {
  return <AdminShell current='/pages/admin/businesses' title='经营主体管理'>{() => null}</AdminShell>;
}
