export default definePageConfig({
  navigationBarTitleText: '食安共治',
});
