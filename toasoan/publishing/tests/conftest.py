import pytest


@pytest.fixture(scope="session")
def redis_server():
    from tests import redis as temp_redis

    try:
        server = temp_redis.start_server()
    except temp_redis.RedisUnavailable as error:
        if temp_redis.required():
            pytest.fail(str(error))
        pytest.skip(str(error))
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server):
    import redis

    redis.Redis.from_url(redis_server.url).flushdb()
    return redis_server.url
