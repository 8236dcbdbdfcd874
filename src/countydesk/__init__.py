"""CountyDesk: a county government's platform for 政务信息报送 and 应急管理."""

__version__ = "0.1.0"
