# diplograph.bash: bash completion for diplograph, installed as
# $(datadir)/bash-completion/completions/diplograph.
#
# The commands and each command's options are read from the program's own
# help (`diplograph --help`, `diplograph CMD --help`), so they cannot
# drift; the values of -f, -T, -K and -i from the alternatives its usage
# line lists (a|b|c).  Query files: *.rq here, and the names of the shipped
# queries in $DIPLOGRAPH_QUERIES.

# _diplograph_help CMD...: the program's help text (cached per command)
_diplograph_help()
{
    local key="help_${1:-main}"
    key=${key//[^A-Za-z0-9_]/_}
    if [[ -z ${_diplograph_cache[$key]+set} ]]; then
        _diplograph_cache[$key]=$("$_diplograph_bin" "$@" --help 2>/dev/null)
    fi
    printf '%s\n' "${_diplograph_cache[$key]}"
}

# the commands, from the table of `diplograph --help`
_diplograph_commands()
{
    _diplograph_help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p'
}

# the usage lines of a command (the help text up to its first blank line)
_diplograph_usage()
{
    _diplograph_help "$1" | sed '/^$/q'
}

# _diplograph_values CMD OPT: the alternatives the usage line lists after
# OPT ("-f turtle|ntriples" gives turtle and ntriples)
_diplograph_values()
{
    _diplograph_usage "$1" |
        grep -oE -- "(^|[[ ])$2 [a-z][a-z0-9]*(\|[a-z][a-z0-9]*)+" |
        head -n 1 | sed 's/^.* //' | tr '|' '\n'
}

_diplograph_files()
{ # _diplograph_files [GLOB]: files (matching GLOB) and directories
    compopt -o filenames 2>/dev/null
    if [[ -n $1 ]]; then
        COMPREPLY+=($(compgen -f -X "!$1" -- "$cur") $(compgen -d -- "$cur"))
    else
        COMPREPLY+=($(compgen -f -- "$cur"))
    fi
}

# the kinds of store spec, and directories (a store is one)
_diplograph_store_specs()
{
    COMPREPLY=($(compgen -W "memory: lmdb: hashes: postgresql://" -- "$cur"))
    compopt -o filenames 2>/dev/null
    COMPREPLY+=($(compgen -d -- "$cur"))
}

_diplograph()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local cmd="" i w
    declare -gA _diplograph_cache 2>/dev/null || return 0
    _diplograph_bin=${COMP_WORDS[0]}
    COMPREPLY=()

    # the command: the first word that is not a global option (or its value)
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
        --store) ((i++)) ;;
        -*) ;;
        *) cmd=$w; break ;;
        esac
    done

    if [[ -z $cmd ]]; then
        if [[ $prev == --store ]]; then
            _diplograph_store_specs
            return 0
        fi
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "-q --quiet -v --verbose --store -V
                --version -h --help" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_diplograph_commands) help" -- "$cur"))
        fi
        return 0
    fi
    if [[ $cmd == help ]]; then
        ((COMP_CWORD == i + 1)) &&
            COMPREPLY=($(compgen -W "$(_diplograph_commands)" -- "$cur"))
        return 0
    fi

    # an option's value
    case $prev in
    -f | --format | -T | -K | -i | --input | --default-graph)
        local opt=$prev vals
        case $prev in
        --format) opt=-f ;;
        --input) opt=-i ;;
        esac
        if [[ $prev == --default-graph ]]; then
            vals="union stored"
        else
            vals=$(_diplograph_values "$cmd" "$opt")
        fi
        # query's usage says FORMAT: the formats of its help
        [[ -z $vals && $cmd == query ]] &&
            vals="table tsv csv json xml turtle ntriples nquads jsonld"
        COMPREPLY=($(compgen -W "$vals" -- "$cur"))
        return 0
        ;;
    --store)
        _diplograph_store_specs
        return 0
        ;;
    -o | --output)
        if [[ $cmd == report ]]; then
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -d -- "$cur"))
        else
            _diplograph_files
        fi
        return 0
        ;;
    --auth | --token-file | --auth-file | --key | -e | --expr | --graph | \
        --base | --endpoint | --graph-store | --bind | --timeout | \
        --max-rows | --max-nodes | --limit | --retries | --threads | \
        --max-body | --max-result | -j | --jobs)
        [[ $prev == --auth || $prev == --token-file || $prev == --auth-file ]] &&
            _diplograph_files
        return 0
        ;;
    esac

    if [[ $cur == -* ]]; then
        local opts
        opts=$(_diplograph_usage "$cmd" | grep -oE -- '(^|[[ |])--?[A-Za-z][a-z-]*' |
            sed 's/^[[ |]//' | sort -u)
        COMPREPLY=($(compgen -W "$opts --help -q -v" -- "$cur"))
        return 0
    fi

    # arguments
    case $cmd in
    query | render)
        local dir=${DIPLOGRAPH_QUERIES:-}
        if [[ -n $dir && -d $dir && $cur != */* ]]; then
            local q
            for q in "$dir"/*.rq; do
                [[ -e $q && ${q##*/} == "$cur"* ]] && COMPREPLY+=("$q")
            done
        fi
        _diplograph_files '*.rq'
        ;;
    build) _diplograph_files '*.txt' ;;
    load) _diplograph_files ;;
    extract) _diplograph_files '*.txt' ;;
    backup)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -d -- "$cur"))
        ;;
    esac
    return 0
}
complete -F _diplograph diplograph
