#!/usr/bin/env bash
# Sourced: write_local_feed_config FILE FEED PACKAGES writes a NuGet.Config that takes BuildMigrations.* only from
# the folder feed FEED (package source mapping) into the packages folder PACKAGES, so a cached or published package
# of the same version never stands in for the one just packed. Every other package comes from the sources the
# machine's own NuGet configuration names, whatever it calls them: a source the mapping leaves out serves nothing.

xml_escape() {
  local text=${1//&/&amp;}
  text=${text//</&lt;}
  text=${text//>/&gt;}
  printf '%s' "${text//\"/&quot;}"
}

write_local_feed_config() {
  local file=$1 feed packages names name machine_sources=""
  feed=$(xml_escape "$2")
  packages=$(xml_escape "$3")
  # `dotnet nuget list source` prints each source as "  1.  NAME [Enabled]", its URL on the next line (in English
  # when asked to: the word Enabled is translated otherwise).
  names=$(cd / && DOTNET_CLI_UI_LANGUAGE=en dotnet nuget list source | sed -n 's/^ *[0-9][0-9]*\. *\(.*\) \[Enabled\]$/\1/p')
  while IFS= read -r name; do
    if [[ -n $name ]]; then
      machine_sources+="    <packageSource key=\"$(xml_escape "$name")\"><package pattern=\"*\" /></packageSource>"$'\n'
    fi
  done <<< "$names"
  if [[ -z $machine_sources ]]; then
    echo "local-feed-config.sh: the machine's NuGet configuration enables no source; packages other than BuildMigrations.* could not be restored" >&2
    return 1
  fi
  cat > "$file" <<XML
<?xml version="1.0" encoding="utf-8"?>
<!-- Written by scripts/local-feed-config.sh. -->
<configuration>
  <packageSources>
    <add key="this-repository" value="$feed" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="this-repository"><package pattern="BuildMigrations.*" /></packageSource>
$machine_sources  </packageSourceMapping>
  <config>
    <add key="globalPackagesFolder" value="$packages" />
  </config>
</configuration>
XML
}
