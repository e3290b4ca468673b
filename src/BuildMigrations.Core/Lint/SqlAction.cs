namespace BuildMigrations.Core.Lint;

/// <summary>The DDL and DML forms lint and plan recognise.</summary>
public enum SqlActionKind
{
    CreateTable,
    CreateIndex,
    DropIndex,
    DropTable,
    DropSchema,
    Truncate,
    DeleteAll,
    UpdateAll,
    Delete,
    Update,
    Insert,
    RenameTable,
    RenameColumn,
    AddColumn,
    DropColumn,
    ChangeColumnType,
    SetNotNull,
    AddForeignKey,
    AddCheck,
    AddUnique,
    AddPrimaryKey,
    AddIndex,
    ValidateConstraint,
    ConvertCharset,
    RebuildTable,
    VacuumFull,
    Cluster,
    Reindex,
    /// <summary>Any other ALTER TABLE subcommand.</summary>
    OtherAlterTable,
}

/// <summary>One thing a statement does, and to what.</summary>
/// <param name="Kind">The form.</param>
/// <param name="Table">The table (or schema, for <see cref="SqlActionKind.DropSchema"/>; the index for a REINDEX INDEX), when known.</param>
/// <param name="Object">The column, index or constraint it names, when there is one.</param>
public sealed record SqlAction(SqlActionKind Kind, ObjectName? Table, string? Object = null)
{
    /// <summary>CREATE INDEX / REINDEX / DROP INDEX ... CONCURRENTLY.</summary>
    public bool Concurrently { get; init; }

    /// <summary>A UNIQUE index.</summary>
    public bool Unique { get; init; }

    /// <summary>ADD COLUMN ... NOT NULL (or PRIMARY KEY).</summary>
    public bool NotNull { get; init; }

    /// <summary>ADD COLUMN ... DEFAULT (or GENERATED, IDENTITY, AUTO_INCREMENT: every row gets a value).</summary>
    public bool HasDefault { get; init; }

    /// <summary>ADD COLUMN with a default that differs per row (random(), gen_random_uuid(), ...): PostgreSQL rewrites the table.</summary>
    public bool VolatileDefault { get; init; }

    /// <summary>ADD CONSTRAINT ... NOT VALID.</summary>
    public bool NotValid { get; init; }

    /// <summary>ADD CONSTRAINT ... USING INDEX (an index built beforehand, CONCURRENTLY).</summary>
    public bool UsingIndex { get; init; }

    /// <summary>The new name of a RENAME.</summary>
    public string? NewName { get; init; }

    /// <summary>MySQL/MariaDB: the ALGORITHM the statement asks for (COPY, INPLACE, INSTANT), when it names one.</summary>
    public string? Algorithm { get; init; }
}
