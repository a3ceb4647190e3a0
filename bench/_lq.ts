import { bundledRoot } from '/work/main/src/content/paths.js';
import { loadQuestions, clearQuestionCache } from '/work/main/src/quiz/load-questions.js';
const t0 = performance.now();
loadQuestions([{ dir: '/work/main' } as never]);
const t1 = performance.now();
for (let i = 0; i < 5; i++) { clearQuestionCache(); loadQuestions([{ dir: '/work/main' } as never]); }
const t2 = performance.now();
console.log('cold', (t1 - t0).toFixed(1), 'warm avg', ((t2 - t1) / 5).toFixed(1));
