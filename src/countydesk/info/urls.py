from django.urls import path

from . import views

urlpatterns = [
    path("", views.queue, name="info_queue"),
    path("submissions/new/", views.submission_form, name="info_submission_new"),
    path("sign-off/", views.batch_sign, name="info_batch_sign"),
    path("submissions/<int:pk>/", views.submission_detail, name="info_submission"),
    path("submissions/<int:pk>/edit/", views.submission_form, name="info_submission_edit"),
    path("submissions/<int:follow_up_of>/follow-up/", views.submission_form, name="info_follow_up"),
    path("submissions/<int:pk>/attach/", views.submission_attach, name="info_submission_attach"),
    path("submissions/<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download,
         name="info_attachment"),
    path("submissions/<int:pk>/request-follow-up/", views.submission_request_follow_up, name="info_request_follow_up"),
    path("submissions/<int:pk>/adopt/", views.submission_adopt, name="info_submission_adopt"),
    path("submissions/<int:pk>/<str:action>/", views.submission_action, name="info_submission_action"),
    path("topics/", views.topic_list, name="info_topics"),
    path("topics/<int:pk>/", views.topic_detail, name="info_topic"),
    path("topics/<int:pk>/<str:action>/", views.topic_action, name="info_topic_action"),
    path("commissions/", views.commission_list, name="info_commissions"),
    path("commissions/<int:pk>/", views.commission_detail, name="info_commission"),
    path("timeliness/", views.timeliness, name="info_timeliness"),
    path("balance/", views.balance, name="info_balance"),
    path("rankings/", views.rankings, name="info_rankings"),
    path("liaison/", views.liaison, name="info_liaison"),
    path("trainings/new/", views.training_create, name="info_training_new"),
    path("trainings/<int:pk>/", views.training_detail, name="info_training"),
]
