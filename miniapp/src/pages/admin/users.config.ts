export default definePageConfig({
  navigationBarTitleText: '账号与角色',
});
