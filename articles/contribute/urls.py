from django.contrib.auth.views import LogoutView
from django.urls import path

from articles.contribute import views

app_name = "contribute"

urlpatterns = [
    path("", views.piece_list, name="pieces"),
    path("new/", views.new_piece, name="new-piece"),
    path("<int:pk>/", views.piece_detail, name="piece"),
    path("<int:pk>/recall/", views.recall_piece, name="recall"),
    path("<int:pk>/resend/", views.resend_piece, name="resend"),
    path("<int:pk>/delete/", views.delete_piece, name="delete"),
    path("login/", views.DeskLoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(next_page="contribute:login"), name="logout"),
    path("invite/<str:token>/", views.accept_invitation, name="invite"),
]
