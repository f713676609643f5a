"""The JSON API at /api/ (OpenAPI at /api/openapi.json, docs at /api/docs)."""

from ninja import NinjaAPI

from chiso.orgs.auth import api_auth

api = NinjaAPI(title="chiso API", version="1", auth=api_auth, urls_namespace="api")

api.add_router("/", "chiso.orgs.api.router")
api.add_router("/indices/", "chiso.indices.api.router")
api.add_router("/dossiers/", "chiso.dossiers.api.router")
api.add_router("/assessments/", "chiso.assessments.api.router")
api.add_router("/plans/", "chiso.plans.api.router")
api.add_router("/surveys/", "chiso.surveys.api.router")
