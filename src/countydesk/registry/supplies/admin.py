from django.contrib import admin

from countydesk.audit.admin import AuditedAdminMixin, ReadOnlyAdminMixin

from .models import Category, Depot, Item, StockMovement, SupplyRule


@admin.register(Category)
class CategoryAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name"]


@admin.register(Item)
class ItemAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "unit_of_measure", "shelf_life_days", "is_equipment", "active"]
    list_filter = ["is_equipment", "active"]
    search_fields = ["code", "name"]


@admin.register(Depot)
class DepotAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "manager", "phone", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]


@admin.register(SupplyRule)
class SupplyRuleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["key", "value"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StockMovement)
class StockMovementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The ledger is read-only here: movements are recorded through the services only."""

    list_display = ["at", "depot", "item", "kind", "quantity", "balance_after", "actor"]
    list_filter = ["kind"]
