import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")

from toasoan.publishing import pagecache  # after DJANGO_SETTINGS_MODULE is set

# The page cache answers cached pages before Django's routing and middleware run.
application = pagecache.wrap(get_wsgi_application())
