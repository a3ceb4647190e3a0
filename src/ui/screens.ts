/**
 * Routes: which screen shows, with its parameters. Home's menu, deep links such as
 * `dockdrill lesson <id>`, and screens linking to each other all open a Route.
 */
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'lessons' }
  | { readonly name: 'lesson'; readonly id: string; readonly section?: string }
  | {
      readonly name: 'quiz';
      readonly filter?: string;
      readonly count?: number;
      readonly seed?: string;
    }
  | { readonly name: 'review' }
  | {
      readonly name: 'exam';
      readonly questions?: number;
      readonly minutes?: number;
      readonly pass?: number;
      readonly seed?: string;
      readonly domc?: boolean;
    }
  | { readonly name: 'labs' }
  | { readonly name: 'lab'; readonly id: string }
  | { readonly name: 'progress' }
  | { readonly name: 'doctor' };

export type ScreenId = Route['name'];
