/** The screens the app can show; Home's menu opens them by id. */
export type ScreenId = 'home' | 'lessons' | 'quiz' | 'labs' | 'exam' | 'progress' | 'doctor';
