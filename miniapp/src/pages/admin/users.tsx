import { AdminShell } from './admin-shell';

export default function AdminUsersPage() {
  return <AdminShell current='/pages/admin/users' title='账号与角色'>{() => null}</AdminShell>;
}
