"""Uniqueness rules that no UNIQUE index can express, enforced by the database all the same."""

import pgtrigger


def no_shared_values(name: str, values: str) -> pgtrigger.Trigger:
    """No two rows share a value of `values`, an array expression over the row `{row}`.

    An advisory lock serialises the writers, so two transactions cannot both pass the check.
    The error is a unique violation naming the rule, which services turn into a message.
    """
    other, new = values.format(row="other"), values.format(row="NEW")
    # Built from the model's own column names, never from input.
    body = f"""
            PERFORM pg_advisory_xact_lock(hashtext('{name}'));
            IF EXISTS (
                SELECT 1 FROM {{meta.db_table}} AS other
                WHERE other.{{meta.pk.column}} <> NEW.{{meta.pk.column}} AND {other} && {new}
            ) THEN
                RAISE EXCEPTION USING ERRCODE = 'unique_violation', CONSTRAINT = '{name}',
                    MESSAGE = '{name}: a value is already used by another row';
            END IF;
            RETURN NEW;
            """  # noqa: S608
    return pgtrigger.Trigger(
        name=name,
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.Update,
        func=pgtrigger.Func(body),
    )


def lowered(*columns: str) -> str:
    """The row's non-empty values of these text columns, in lower case, as an array."""
    listed = ", ".join(f"{{row}}.{column}" for column in columns)
    unnested = f"unnest(ARRAY[{listed}])"
    return f"ARRAY(SELECT lower(value) FROM {unnested} AS value WHERE value <> '')"  # noqa: S608


def violated_rule(error) -> str:
    """The name of the rule an IntegrityError broke, or ''."""
    diag = getattr(error.__cause__, "diag", None)
    return (diag.constraint_name or "") if diag else ""
