export function freshBuild(): string[] | null;
export function isBuildFresh(): boolean;
