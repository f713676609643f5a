from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from chiso.dashboard.queries import overview


@login_required
def index(request):
    return render(request, "dashboard/index.html", overview(request.user))
