#!/usr/bin/env bash
# Sourced: write_local_feed_config FILE FEED PACKAGES writes a NuGet.Config that takes BuildMigrations.* only from
# the folder feed FEED (package source mapping) into the packages folder PACKAGES, so a cached or published package
# of the same version never stands in for the one just packed. Every other package comes from the sources the
# machine's own NuGet configuration names, whatever it calls them: a source the mapping leaves out serves nothing.

write_local_feed_config() {
  local file=$1 feed=$2 packages=$3 machine_sources
  # `dotnet nuget list source` prints each source as "  1.  NAME [Enabled]", its URL on the next line.
  machine_sources=$(cd / && dotnet nuget list source |
    sed -n 's/^ *[0-9][0-9]*\. *\(.*\) \[Enabled\]$/    <packageSource key="\1"><package pattern="*" \/><\/packageSource>/p')
  cat > "$file" <<XML
<?xml version="1.0" encoding="utf-8"?>
<!-- Written by scripts/local-feed-config.sh. -->
<configuration>
  <packageSources>
    <add key="this-repository" value="$feed" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="this-repository"><package pattern="BuildMigrations.*" /></packageSource>
$machine_sources
  </packageSourceMapping>
  <config>
    <add key="globalPackagesFolder" value="$packages" />
  </config>
</configuration>
XML
}
