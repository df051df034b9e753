export default definePageConfig({
  navigationBarTitleText: '包保干部管理',
});
