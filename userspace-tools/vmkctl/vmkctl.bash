# SPDX-License-Identifier: GPL-2.0
# bash completion for vmkctl(8): namespaces, their commands, options,
# and, where the core is loaded, device addresses, modules and log
# components taken from vmkctl itself.

_vmkctl_json_field()
{
	# The values of one string key in vmkctl's JSON, one per line (no
	# JSON parser needed: the keys and values vmkctl prints are plain).
	vmkctl --json "$@" 2>/dev/null |
		sed -n 's/^ *"'"$_vmkctl_key"'": "\(.*\)",\{0,1\}$/\1/p'
}

_vmkctl()
{
	local cur prev words cword
	# Device addresses hold colons ("0000:00:04.0"): keep them in cur.
	_init_completion -n : 2>/dev/null || {
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	}

	local opts="--json --help --version"
	# The positional words typed so far (options left out).
	local pos=() i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--source | -s) ((i++)) ;;
		-*) ;;
		*) pos+=("${words[i]}") ;;
		esac
	done

	case $prev in
	--source | -s)
		local _vmkctl_key=name
		COMPREPLY=($(compgen -W "$(_vmkctl_json_field module list)" -- "$cur"))
		return
		;;
	esac
	if [[ $cur == -* ]]; then
		[ "${pos[0]}" = events ] && opts="$opts --source --follow"
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi

	local _vmkctl_key
	case ${#pos[@]} in
	0)
		COMPREPLY=($(compgen -W "module device driver heap intr log events help" -- "$cur"))
		;;
	1)
		case ${pos[0]} in
		module | driver | heap) COMPREPLY=($(compgen -W "list" -- "$cur")) ;;
		device) COMPREPLY=($(compgen -W "list tree show quiesce start remove rescan" -- "$cur")) ;;
		intr) COMPREPLY=($(compgen -W "stats" -- "$cur")) ;;
		log) COMPREPLY=($(compgen -W "get set" -- "$cur")) ;;
		help) COMPREPLY=($(compgen -W "module device driver heap intr log events" -- "$cur")) ;;
		esac
		;;
	2)
		case "${pos[0]} ${pos[1]}" in
		"device show" | "device quiesce" | "device start" | "device remove" | "device rescan")
			_vmkctl_key=address
			COMPREPLY=($(compgen -W "$(_vmkctl_json_field device list)" -- "$cur"))
			# What readline will insert after the last colon.
			declare -F __ltrim_colon_completions >/dev/null &&
				__ltrim_colon_completions "$cur"
			;;
		"log get" | "log set")
			_vmkctl_key=module
			COMPREPLY=($(compgen -W "$(_vmkctl_json_field log get | sort -u)" -- "$cur"))
			;;
		esac
		;;
	3)
		case "${pos[0]} ${pos[1]}" in
		"log get" | "log set")
			_vmkctl_key=component
			COMPREPLY=($(compgen -W "$(_vmkctl_json_field log get "${pos[2]}")" -- "$cur"))
			;;
		esac
		;;
	esac
}
complete -F _vmkctl vmkctl
