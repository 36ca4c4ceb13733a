from tests.api.fixtures import auth


def test_it_throttles_anonymous_clients_and_keys_separately(
    client_api, settings, read_key, django_cache_clear
):
    settings.CLAIMTRACKER_API_THROTTLE_RATES = {"key": "5/min", "anonymous": "3/min"}
    codes = [client_api.get("/api/v1/sources/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    throttled = client_api.get("/api/v1/sources/")
    assert throttled.json()["error"]["code"] == "throttled"
    assert int(throttled["Retry-After"]) > 0
    # A key has its own budget, untouched by the anonymous traffic from the same address.
    codes = [client_api.get("/api/v1/sources/", **auth(read_key)).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
