#!/usr/bin/env bash
# A Virtuoso (Debian's virtuoso-opensource) to push the release into, for tests and for trying
# `peergraph push` by hand. No system service is left running: the server runs in the
# foreground, with a database folder and an ini file of its own.
#
#   scripts/virtuoso.sh install          # apt-get install virtuoso-opensource, when missing
#   VIRTUOSO_DBA_PASSWORD=secret scripts/virtuoso.sh run DIR PORT [ISQL_PORT]
#
# `run` writes DIR/virtuoso.ini (DIR must be empty or missing), creates a fresh database in DIR
# with the password of the `dba` user set to $VIRTUOSO_DBA_PASSWORD, serves HTTP on
# 127.0.0.1:PORT and ISQL on 127.0.0.1:ISQL_PORT (by default PORT+1), and stays in the
# foreground until it gets SIGTERM or SIGINT (then it stops the server; remove DIR after).
# Once it prints "virtuoso: ready", the server offers
#
#   http://127.0.0.1:PORT/sparql                  SPARQL queries (no authentication)
#   http://127.0.0.1:PORT/sparql-auth             SPARQL queries and updates, HTTP Digest
#   http://127.0.0.1:PORT/sparql-graph-crud       SPARQL 1.1 Graph Store Protocol, read only
#   http://127.0.0.1:PORT/sparql-graph-crud-auth  the same, writable, HTTP Digest
#
# and `dba` with that password may write through the two with -auth, e.g.
#
#   PEERGRAPH_USER=dba PEERGRAPH_PASSWORD=secret peergraph push \
#       --endpoint http://127.0.0.1:PORT/sparql-graph-crud-auth \
#       --update http://127.0.0.1:PORT/sparql-auth
set -euo pipefail

usage() {
    # The comment at the top of this file, up to the first line of code.
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

die() {
    echo "virtuoso.sh: $*" >&2
    exit 2
}

install_virtuoso() {
    if command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; then
        echo "virtuoso.sh: virtuoso-t is installed already" >&2
        return 0
    fi
    [ "$(id -u)" -eq 0 ] || die "installing needs root (apt-get); run it as root or with sudo"
    # The package's postinst would start (and enable) a system-wide server on port 8890:
    # policy-rc.d answering 101 tells invoke-rc.d not to start anything during the install.
    # One that is there already (as in most containers) is left as it is.
    local policy=/usr/sbin/policy-rc.d made_policy=""
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 755 "$policy"
        made_policy=1
    fi
    local status=0
    {
        apt-get update &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
                virtuoso-opensource
    } || status=$?
    [ -z "$made_policy" ] || rm -f "$policy"
    [ "$status" -eq 0 ] || die "apt-get failed (exit $status)"
    # Should the service have started regardless, stop it; and keep it from starting at boot
    # (the postinst enables it): servers are started by `run`, each with its own database.
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        systemctl disable --now virtuoso-opensource-7 >/dev/null 2>&1 || true
    elif [ -x /etc/init.d/virtuoso-opensource-7 ]; then
        /etc/init.d/virtuoso-opensource-7 stop >/dev/null 2>&1 || true
        update-rc.d virtuoso-opensource-7 disable >/dev/null 2>&1 || true
    fi
    command -v virtuoso-t >/dev/null 2>&1 || die "the package installed no virtuoso-t"
}

run_virtuoso() {
    [ $# -eq 2 ] || [ $# -eq 3 ] || die "run takes DIR PORT [ISQL_PORT] (see --help)"
    local dir=$1 port=$2 isql_port=${3:-}
    [[ "$port" =~ ^[0-9]+$ ]] || die "PORT must be a number, not '$port'"
    [ -n "$isql_port" ] || isql_port=$((10#$port + 1))
    local number
    for number in "$port" "$isql_port"; do
        [[ "$number" =~ ^[0-9]+$ ]] && [ "$number" -ge 1024 ] && [ "$number" -le 65535 ] ||
            die "ports must be numbers from 1024 to 65535, not '$number'"
    done
    [ "$port" != "$isql_port" ] || die "the HTTP and ISQL ports must differ"
    [ -n "${VIRTUOSO_DBA_PASSWORD:-}" ] ||
        die "set VIRTUOSO_DBA_PASSWORD to the password the dba user is to have"
    command -v virtuoso-t >/dev/null 2>&1 || die "virtuoso-t is not installed: run '$0 install'"
    mkdir -p "$dir"
    [ -z "$(ls -A "$dir")" ] || die "$dir is not empty: give a new or empty folder"
    dir=$(cd "$dir" && pwd)
    local vad=/usr/share/virtuoso-opensource-7/vad
    cat >"$dir/virtuoso.ini" <<INI
; Written by scripts/virtuoso.sh: a private, loopback-only Virtuoso.
[Database]
DatabaseFile = $dir/virtuoso.db
ErrorLogFile = $dir/virtuoso.log
LockFile = $dir/virtuoso.lck
TransactionFile = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $dir/virtuoso-temp.db
TransactionFile = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$isql_port
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = ., $vad
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
VADInstallDir = $vad
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 256
MaxMemPoolSize = 50000000
MacSpotlight = 0
MaxQueryMem = 200M
VectorSize = 1000
MaxVectorSize = 1000000
AdjustVectorSize = 0
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:$port
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
ServerThreads = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
DefaultMailServer = localhost:25
MaxKeepAlives = 10
KeepAliveTimeout = 10
MaxCachedProxyConnections = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8
MaintenancePage = atomic.html
EnabledGzipContent = 1

[AutoRepair]
BadParentLinks = 0

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[VDB]
ArrayOptimization = 0
NumArrayParameters = 10
VDBDisconnectTimeout = 1000
KeepConnectionOnFixedThread = 0

[Replication]
ServerName = peergraph-test
ServerEnable = 0

[Striping]
Segment1 = 100M, db-seg1-1.db, db-seg1-2.db

[Zero Config]
ServerName = peergraph-test

[Mono]

[URIQA]
DynamicLocal = 0
DefaultHost = 127.0.0.1:$port

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 120
DefaultQuery = select distinct ?Concept where {[] a ?Concept} LIMIT 100
DeferInferenceRulesInit = 0
INI

    cd "$dir"
    # A fresh database, with a random password for dba (and dav, dba's too by default) set
    # before any port opens: in this mode virtuoso-t creates the database, sets the passwords
    # and exits without listening. (+pwddba takes short passwords only: a long one is silently
    # not set, hence a short random one here and the caller's through isql below.)
    local first
    first=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
    virtuoso-t +configfile "$dir/virtuoso.ini" +foreground +pwdold dba \
        +pwddba "$first" +pwddav "$first" >"$dir/setup.out" 2>&1 ||
        true # it may exit 101 whether or not it set them: the log says
    mv "$dir/virtuoso.log" "$dir/setup.log"
    grep -q "The DBA password is changed" "$dir/setup.log" ||
        die "virtuoso-t did not set the dba password; see $dir/setup.log"

    # The server, as a child this shell stops on SIGTERM or SIGINT (Virtuoso then checkpoints
    # and exits; `wait` returns at once on a signal, so the trap runs without delay).
    virtuoso-t +configfile "$dir/virtuoso.ini" +foreground &
    local server=$!
    trap 'kill -TERM "$server" 2>/dev/null; wait "$server"; exit 0' TERM INT
    local tries=0
    until grep -q "Server online at" "$dir/virtuoso.log" 2>/dev/null; do
        kill -0 "$server" 2>/dev/null || die "virtuoso-t stopped; see $dir/virtuoso.log"
        tries=$((tries + 1))
        [ "$tries" -lt 600 ] || {
            kill -TERM "$server"
            die "virtuoso-t did not come online within 60 s; see $dir/virtuoso.log"
        }
        sleep 0.1
    done

    # The caller's password, through isql's standard input (never on a command line), as an SQL
    # string: backslashes and quotes doubled.
    local new=${VIRTUOSO_DBA_PASSWORD//\\/\\\\}
    new=${new//\'/\'\'}
    local answer
    answer=$(printf "DB.DBA.USER_CHANGE_PASSWORD ('dba', '%s', '%s');\n" "$first" "$new" |
        isql-vt "127.0.0.1:$isql_port" dba "$first" 2>&1) || true
    if [[ "$answer" == *"*** Error"* ]] || [[ "$answer" != *"Done."* ]]; then
        kill -TERM "$server"
        wait "$server" || true
        die "could not set the dba password through isql: $(echo "$answer" | grep -m1 Error)"
    fi
    echo "virtuoso: ready at http://127.0.0.1:$port/sparql (ISQL on 127.0.0.1:$isql_port)"
    local status=0
    wait "$server" || status=$?
    exit "$status"
}

case "${1:-}" in
    install) install_virtuoso ;;
    run)
        shift
        run_virtuoso "$@"
        ;;
    -h | --help | help) usage ;;
    *)
        usage >&2
        exit 2
        ;;
esac
