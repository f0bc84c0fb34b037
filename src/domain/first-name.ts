/**
 * The name to greet a person by ("Hi Dana,"): the first word of their full name. Thread stores one name per
 * person, so this is the only way it knows a first name; a blank name gives ''.
 */
export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? '';
}
