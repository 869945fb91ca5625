/** A warning confirmation: true when the user confirms, false when they cancel or close it. */
import { ElMessageBox } from 'element-plus';

export async function confirmed(message: string, title: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { type: 'warning' });
    return true;
  } catch {
    return false;
  }
}
