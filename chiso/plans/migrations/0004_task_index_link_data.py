"""Link the free-text index / criterion values of existing tasks to the indices frameworks.

What resolves (the index by code, short name, name or a usual alias, with or without a leading
"Chỉ số"; the criterion by its code in the
framework version of the directive's year) is linked; what does not is left as written, with no
year / node, and is flagged as unresolved on the pages. Reversing keeps the (canonical) codes."""

import re

from django.db import migrations

from chiso.lib.vntext import fold_key

# a frozen copy of plans.criteria.ALIASES (a migration must not follow later edits of the app)
ALIASES = {
    "par": ["par index", "par", "chi so cai cach hanh chinh", "chi so cchc", "cchc", "cai cach hanh chinh"],
    "sipas": ["sipas", "chi so hai long", "su hai long", "hai long"],
    "papi": ["papi", "chi so hieu qua quan tri va hanh chinh cong"],
    "i766": ["766", "i766", "chi so 766", "bo chi so 766", "qd 766"],
    "pci": ["pci", "chi so nang luc canh tranh"],
}


def link(apps, schema_editor):
    Task = apps.get_model("plans", "Task")
    Index = apps.get_model("indices", "Index")
    FrameworkVersion = apps.get_model("indices", "FrameworkVersion")
    Node = apps.get_model("indices", "Node")
    by_name = {}
    for index in Index.objects.all():
        for name in [index.code, index.short_name, index.name, *ALIASES.get(index.code, [])]:
            by_name.setdefault(fold_key(name), index)
    tasks = Task.objects.exclude(index_code="", criterion_code="").select_related("directive")
    for task in tasks.iterator():
        key = fold_key(task.index_code)
        index = by_name.get(key) or by_name.get(re.sub(r"^(?:bo )?chi so ", "", key))
        if index is None:
            continue  # unresolved: kept as written, flagged
        day = (task.directive.date if task.directive_id else None) or task.deadline or task.created_at.date()
        year = task.index_year or day.year
        node = None
        if task.criterion_code.strip():
            versions = FrameworkVersion.objects.filter(index=index, year_from__lte=year)
            v = next((v for v in versions if v.year_to is None or year <= v.year_to), None)
            wanted = task.criterion_code.strip().casefold()
            node = next((n for n in Node.objects.filter(version=v) if n.code.casefold() == wanted), None) if v else None
        task.index_code, task.index_year = index.code, year
        if node is not None:
            task.criterion, task.criterion_code = node, node.code
        task.save(update_fields=["index_code", "index_year", "criterion", "criterion_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("indices", "0001_initial"),
        ("plans", "0003_task_index_link"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
