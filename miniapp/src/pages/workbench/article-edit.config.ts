export default definePageConfig({ navigationBarTitleText: '编辑文章' });
