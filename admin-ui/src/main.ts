import { createApp } from 'vue';
import App from './App.vue';
import { createConsole } from './app/create-console';
import './styles/main.css';

const app = createApp(App);
app.use(createConsole());
app.mount('#app');
