#!/usr/bin/env bash
# Apache Jena's `riot` (parse and validate RDF files) from Debian's libapache-jena-java, which
# ships Jena's jars but no `riot` command:
#
#   apt-get install libapache-jena-java
#   scripts/riot.sh --validate --strict dist/peergraph.ttl dist/peergraph.rdf ...
#
# Any riot arguments are passed on (`scripts/riot.sh --help`). The class path is the package's
# jars and those of the packages it depends on, with one logging binding (slf4j-simple, so that
# riot's errors reach stderr). Debian 12's jena-core 4.5.0 moves Jena's copy of Xerces to the
# package `xerces` but leaves its message files under `org/apache/jena/ext/xerces`, so that the
# first XSD datatype fails with "internal error" (XSSimpleTypeDecl.applyFacets1); the message
# files are copied where the classes look for them, into a temporary folder removed on exit.
# Exits 3 when the package is not installed.
set -euo pipefail

jena_core=/usr/share/java/jena-core.jar
if [ ! -f "$jena_core" ]; then
    echo "riot.sh: Debian's libapache-jena-java is not installed (apt-get install libapache-jena-java)" >&2
    exit 3
fi

java=${JAVA:-java}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The relocated Xerces's message files, where its classes look for them.
python3 - "$jena_core" "$work/fix" <<'PY'
import sys, zipfile
from pathlib import Path
prefix = "org/apache/jena/ext/xerces/"
with zipfile.ZipFile(sys.argv[1]) as jar:
    for name in jar.namelist():
        if name.startswith(prefix) and name.endswith(".properties"):
            target = Path(sys.argv[2], "xerces", name[len(prefix):])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(jar.read(name))
PY

# The jars of the package and of the Java packages it depends on, two levels down (guava's
# failureaccess), without the versioned duplicates and without any logging binding.
depends() {
    dpkg-query -W -f='${Depends}\n' "$@" 2>/dev/null | tr ',|' '\n\n' | sed 's/(.*)//; s/ //g' |
        grep -- '-java$' | sort -u
}
packages=$( { echo libapache-jena-java; depends libapache-jena-java;
              depends $(depends libapache-jena-java); } | sort -u)
classpath="$work/fix"
for jar in $(dpkg -L $packages 2>/dev/null | grep '^/usr/share/java/[^/]*\.jar$' | sort -u); do
    case "$(basename "$jar")" in
        *-[0-9]*.jar) continue ;;               # a versioned name of a jar listed without one
        *slf4j* | *log4j*) continue ;;          # logging: one binding is added below
    esac
    classpath="$classpath:$jar"
done
classpath="$classpath:/usr/share/java/slf4j-api.jar:/usr/share/java/slf4j-simple.jar"

"$java" -cp "$classpath" riotcmd.riot "$@"
