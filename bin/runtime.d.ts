export function freshBuild(): string[] | null;
export function isBuildFresh(): boolean;
export function loadMain(): Promise<(argv: readonly string[]) => Promise<number>>;
