class Authorizer:
    def __init__(self, policy):
        pass

    def is_allowed(self, roles, action, resource):
        pass
