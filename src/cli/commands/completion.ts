/**
 * `cloudseed completion bash|zsh`: a shell completion script generated from the commander program
 * itself (its commands, options, choices and arguments), so it cannot drift from the CLI.
 */
import { Argument, type Command, type Option } from 'commander';
import { result, resultJson } from '../terminal.js';
import { listTemplates } from './init.js';

const SHELLS = ['bash', 'zsh'] as const;
type Shell = (typeof SHELLS)[number];

/** What a value can be completed with: fixed words, file names, or nothing (free text). */
type ValueCompletion = { readonly kind: 'words'; readonly words: readonly string[] } | { readonly kind: 'files' } | { readonly kind: 'none' };

interface OptionSpec {
  readonly names: readonly string[];
  readonly description: string;
  /** Undefined for a flag without a value. */
  readonly value?: ValueCompletion;
  readonly repeatable: boolean;
}

interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
  /** What the positional arguments complete to. */
  readonly operands: ValueCompletion;
}

interface ProgramSpec {
  readonly name: string;
  readonly options: readonly OptionSpec[];
  readonly commands: readonly CommandSpec[];
}

const HELP_OPTION: OptionSpec = { names: ['-h', '--help'], description: 'display help', repeatable: false };
/** Option values that are names rather than files, and which no `.choices()` lists. */
const FREE_TEXT = /<(name|id|version|seed|variable|iface=config|label|size|dev|n)>/;

function describeOption(option: Option, dynamicChoices: ReadonlyMap<string, readonly string[]>): OptionSpec {
  const names = [option.short, option.long].filter((name): name is string => name !== undefined);
  const base = { names, description: option.description, repeatable: false };
  // isBoolean() is false for --no-* options, which take no value either.
  if (!option.required && !option.optional) return base;
  const choices = option.argChoices ?? (option.long === undefined ? undefined : dynamicChoices.get(option.long));
  const value: ValueCompletion =
    choices !== undefined ? { kind: 'words', words: choices } : FREE_TEXT.test(option.flags) && !/file/.test(option.flags) ? { kind: 'none' } : { kind: 'files' };
  // A custom argument parser without choices is how our CLI collects repeatable options (--ssh-key...).
  return { ...base, value, repeatable: option.parseArg !== undefined && option.argChoices === undefined };
}

function describeOperands(args: readonly Argument[]): ValueCompletion {
  const choices = args.find((arg) => arg.argChoices !== undefined)?.argChoices;
  if (choices !== undefined) return { kind: 'words', words: choices };
  return args.length === 0 ? { kind: 'none' } : { kind: 'files' };
}

/** The program as data: every visible command and option, help included. */
export function describeProgram(program: Command, dynamicChoices: ReadonlyMap<string, readonly string[]> = new Map()): ProgramSpec {
  const optionsOf = (command: Command): OptionSpec[] => [
    ...command.options.filter((option) => !option.hidden).map((option) => describeOption(option, dynamicChoices)),
    HELP_OPTION,
  ];
  const commands = program.commands.map((command) => ({
    name: command.name(),
    description: command.description(),
    options: optionsOf(command),
    operands: describeOperands(command.registeredArguments),
  }));
  // commander adds `help [command]` on its own; it is not in program.commands.
  const help = { name: 'help', description: 'display help for command', options: [HELP_OPTION], operands: { kind: 'words', words: commands.map((c) => c.name) } } as const;
  return { name: program.name(), options: optionsOf(program), commands: [...commands, help] };
}

const shellWords = (words: readonly string[]): string => words.join(' ');
const functionName = (spec: ProgramSpec): string => `_${spec.name.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** A bash `compgen` call that fills COMPREPLY for one kind of value. */
function bashReply(value: ValueCompletion): string {
  if (value.kind === 'words') return `COMPREPLY=($(compgen -W "${shellWords(value.words)}" -- "$cur"))`;
  if (value.kind === 'files') return `COMPREPLY=($(compgen -f -- "$cur"))`;
  return 'COMPREPLY=()';
}

function bashCommandCase(command: { name: string; options: readonly OptionSpec[]; operands: ValueCompletion }): string {
  const valued = command.options.filter((option) => option.value !== undefined);
  const valueCases = valued.map((option) => `        ${option.names.join('|')}) ${bashReply(option.value!)}; return ;;`);
  const flags = shellWords(command.options.flatMap((option) => option.names));
  return [
    `    ${command.name === '' ? '""' : command.name})`,
    ...(valueCases.length > 0 ? ['      case "$prev" in', ...valueCases, '      esac'] : []),
    `      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${flags}" -- "$cur")); else ${bashReply(command.operands)}; fi`,
    '      ;;',
  ].join('\n');
}

export function renderBash(spec: ProgramSpec): string {
  const fn = functionName(spec);
  const top = { name: '', options: spec.options, operands: { kind: 'words', words: spec.commands.map((c) => c.name) } as const };
  return `# bash completion for ${spec.name}, generated by \`${spec.name} completion bash\`.
# Load it now:      source <(${spec.name} completion bash)
# Or for good:      ${spec.name} completion bash > ~/.local/share/bash-completion/completions/${spec.name}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" i
  # The first word that is not an option is the command (the global options take no value).
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ "\${COMP_WORDS[i]}" != -* ]]; then cmd="\${COMP_WORDS[i]}"; break; fi
  done
  case "$cmd" in
${[top, ...spec.commands].map(bashCommandCase).join('\n')}
  esac
}
complete -o filenames -F ${fn} ${spec.name}
`;
}

/** Escapes what _arguments and _describe read as syntax inside a description. */
function zshEscape(text: string): string {
  return text.replace(/[\\[\]:]/g, '\\$&');
}

function singleQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function zshAction(value: ValueCompletion): string {
  if (value.kind === 'words') return `(${value.words.join(' ')})`;
  if (value.kind === 'files') return '_files';
  return ' ';
}

function zshOptionSpecs(option: OptionSpec): string[] {
  const exclusive = option.repeatable ? '*' : option.names.length > 1 ? `(${option.names.join(' ')})` : '';
  const value = option.value === undefined ? '' : `:value:${zshAction(option.value)}`;
  return option.names.map((name) => singleQuote(`${exclusive}${name}[${zshEscape(option.description)}]${value}`));
}

function zshArguments(options: readonly OptionSpec[], extra: readonly string[]): string {
  return ['_arguments -s -S', ...options.flatMap(zshOptionSpecs), ...extra].join(' \\\n      ');
}

export function renderZsh(spec: ProgramSpec): string {
  const fn = functionName(spec);
  const commandList = spec.commands.map((c) => `    ${singleQuote(`${c.name}:${zshEscape(c.description)}`)}`).join('\n');
  const commandCases = spec.commands
    .map((c) => `      ${c.name})\n        ${zshArguments(c.options, [`'*:operand:${zshAction(c.operands)}'`])} ;;`)
    .join('\n');
  return `#compdef ${spec.name}
# zsh completion for ${spec.name}, generated by \`${spec.name} completion zsh\`.
# Load it now:      source <(${spec.name} completion zsh)
# Or for good:      ${spec.name} completion zsh > "\${fpath[1]}/_${spec.name}"   (then restart zsh)
${fn}() {
  local curcontext="$curcontext" state line
  local -a commands
  commands=(
${commandList}
  )
  ${zshArguments(spec.options, ["'1:command:->command'", "'*::argument:->argument'"])}
  case $state in
    command) _describe -t commands command commands ;;
    argument)
      case $words[1] in
${commandCases}
      esac ;;
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${spec.name}
fi
`;
}

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script (bash or zsh)')
    .addArgument(new Argument('<shell>', 'shell to complete in').choices(SHELLS))
    .addHelpText(
      'after',
      `
Examples:
  $ source <(cloudseed completion bash)
  $ cloudseed completion bash > ~/.local/share/bash-completion/completions/cloudseed
  $ cloudseed completion zsh > "\${fpath[1]}/_cloudseed"
  $ cloudseed completion bash --json    # the commands and options, for other completion systems`,
    )
    .option('--json', 'print the commands, options and choices the script completes, as JSON')
    .action(async (shell: Shell, options: { json?: boolean }) => {
      const templates = (await listTemplates()).map((template) => template.name);
      const spec = describeProgram(program, new Map([['--template', templates]]));
      if (options.json) resultJson(spec);
      else result(shell === 'bash' ? renderBash(spec) : renderZsh(spec));
    });
}
