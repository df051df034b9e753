import { AdminShell } from './admin-shell';

export default function AdminVolunteersPage() {
  return <AdminShell current='/pages/admin/volunteers' title='志愿者名册'>{() => null}</AdminShell>;
}
