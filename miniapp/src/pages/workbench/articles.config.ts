export default definePageConfig({ navigationBarTitleText: '宣传内容' });
