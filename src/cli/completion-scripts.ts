// The scripts `runbook completion bash|zsh|fish` prints: they ask `runbook complete WHAT` for the words.
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Word lists that never change with the project (the rest come from `runbook complete`). */
const FIXED = { init: 'role project', lab: 'up down status', completion: SHELLS.join(' ') };

const BASH = `# runbook completion for bash: eval "$(runbook completion bash)" (in ~/.bashrc)
_runbook() {
  local cur prev cmd="" inv="" i word
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "$word" in
      -i|--inventory) inv="\${COMP_WORDS[i+1]}"; ((i++)) ;;
      -e|--extra-vars|-l|--limit|-t|--tags|--skip-tags|--forks|-o|--output|--host|--hosts|--write|--path|-T|--timeout|--lock-timeout) ((i++)) ;;
      -*) ;;
      *) [[ -z "$cmd" ]] && cmd="$word" ;;
    esac
  done
  local self="\${COMP_WORDS[0]}"
  if [[ -z "$cmd" ]]; then
    COMPREPLY=($(compgen -W "$("$self" complete commands 2>/dev/null)" -- "$cur"))
    return
  fi
  case "$prev" in
    -i|--inventory|-o|--output|--write|--path) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --host) COMPREPLY=($(compgen -W "$("$self" complete hosts \${inv:+-i "$inv"} 2>/dev/null)" -- "$cur")); return ;;
    -l|--limit) COMPREPLY=($(compgen -W "$("$self" complete groups \${inv:+-i "$inv"} 2>/dev/null) $("$self" complete hosts \${inv:+-i "$inv"} 2>/dev/null)" -- "$cur")); return ;;
    -e|--extra-vars|-t|--tags|--skip-tags|--forks|--hosts|-T|--timeout|--lock-timeout) return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$("$self" complete options "$cmd" 2>/dev/null)" -- "$cur"))
    return
  fi
  case "$cmd" in
    apply|check|plan|validate) COMPREPLY=($(compgen -W "$("$self" complete runbooks 2>/dev/null)" -- "$cur") $(compgen -f -- "$cur")) ;;
    doc) COMPREPLY=($(compgen -W "$("$self" complete modules 2>/dev/null)" -- "$cur")) ;;
    schema) COMPREPLY=($(compgen -W "$("$self" complete schemas 2>/dev/null)" -- "$cur")) ;;
    init) COMPREPLY=($(compgen -W "${FIXED.init}" -- "$cur")) ;;
    lab) COMPREPLY=($(compgen -W "${FIXED.lab}" -- "$cur")) ;;
    completion) COMPREPLY=($(compgen -W "${FIXED.completion}" -- "$cur")) ;;
  esac
}
complete -o filenames -F _runbook runbook
`;

// zsh runs the bash function through its bash completion layer: one script to keep right.
const ZSH = `# runbook completion for zsh: eval "$(runbook completion zsh)" (in ~/.zshrc)
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${BASH.split('\n').slice(1).join('\n')}`;

const FISH = `# runbook completion for fish: runbook completion fish > ~/.config/fish/completions/runbook.fish
function __runbook_inventory
  set -l tokens (commandline -opc)
  set -l i (contains -i -- -i $tokens; or contains -i -- --inventory $tokens)
  and echo -- -i $tokens[(math $i + 1)]
end
complete -c runbook -f
complete -c runbook -n __fish_use_subcommand -a '(runbook complete commands 2>/dev/null)'
complete -c runbook -n '__fish_seen_subcommand_from apply check plan validate' -F -a '(runbook complete runbooks 2>/dev/null)'
complete -c runbook -n '__fish_seen_subcommand_from doc' -a '(runbook complete modules 2>/dev/null)'
complete -c runbook -n '__fish_seen_subcommand_from schema' -a '(runbook complete schemas 2>/dev/null)'
complete -c runbook -n '__fish_seen_subcommand_from init' -a '${FIXED.init}'
complete -c runbook -n '__fish_seen_subcommand_from lab' -a '${FIXED.lab}'
complete -c runbook -n '__fish_seen_subcommand_from completion' -a '${FIXED.completion}'
complete -c runbook -l limit -x -a '(runbook complete groups (__runbook_inventory) 2>/dev/null; runbook complete hosts (__runbook_inventory) 2>/dev/null)'
complete -c runbook -l host -x -a '(runbook complete hosts (__runbook_inventory) 2>/dev/null)'
complete -c runbook -s i -l inventory -r -F
`;

export function completionScript(shell: Shell): string {
  return { bash: BASH, zsh: ZSH, fish: FISH }[shell];
}
